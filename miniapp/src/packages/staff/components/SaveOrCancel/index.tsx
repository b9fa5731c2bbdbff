import { ActionButton } from '../../../../components/ActionButton';

interface Props {
  saving: boolean;
  onSave: () => void;
  /** Leaves the edit, putting the record's own values back in the form. */
  onCancel: () => void;
}

/** The two buttons under an edit form of a staff screen's card: 保存修改 (busy while saving) and 取消修改. */
export function SaveOrCancel({ saving, onSave, onCancel }: Props) {
  return (
    <>
      <ActionButton key="save" kind="primary" busy={saving} onClick={onSave}>
        保存修改
      </ActionButton>
      <ActionButton key="cancel" onClick={onCancel}>
        取消修改
      </ActionButton>
    </>
  );
}
