import type { CommunityDirectory, Staff } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FilterChips } from '../FilterChips';
import './index.scss';

interface Props {
  staff: Staff;
  directory: CommunityDirectory | undefined;
  /** The chosen community's code, or '' before one is chosen. */
  selected: string;
  onSelect: (code: string) => void;
}

/** The community a staff member starts with: an officer's first, none for an administrator (who chooses). */
export function initialCommunity(staff: Staff | null): string {
  return staff?.role === 'officer' ? (staff.communities[0] ?? '') : '';
}

/**
 * Which community a screen is about. An officer with one community just sees
 * its name; one with several picks among them; an administrator picks a
 * street, then one of its communities.
 */
export function CommunityPicker({ staff, directory, selected, onSelect }: Props) {
  const streets = directory?.streets ?? [];
  const [street, setStreet] = useState(() => streets.find((s) => s.communities.some((c) => c.code === selected))?.name ?? '');

  if (staff.role === 'officer') {
    const own = streets.flatMap((s) => s.communities).filter((c) => staff.communities.includes(c.code));
    if (own.length <= 1) {
      return <Text className="community-picker__name">{`社区：${own[0]?.name ?? selected}`}</Text>;
    }
    return (
      <FilterChips label="社区" options={own.map((c) => ({ value: c.code, label: c.name }))} selected={selected} onSelect={onSelect} />
    );
  }

  const communities = streets.find((s) => s.name === street)?.communities ?? [];
  return (
    <View>
      <FilterChips
        label="街道"
        options={streets.map((s) => ({ value: s.name, label: s.name }))}
        selected={street}
        onSelect={(name) => {
          setStreet(name);
          onSelect('');
        }}
      />
      {communities.length > 0 ? (
        <FilterChips
          label="社区"
          options={communities.map((c) => ({ value: c.code, label: c.name }))}
          selected={selected}
          onSelect={onSelect}
        />
      ) : (
        <Text className="page__hint">请先选择街道，再选择社区。</Text>
      )}
    </View>
  );
}
