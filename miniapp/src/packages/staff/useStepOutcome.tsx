import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { isSessionError } from '../../services/staff';
import { goToLogin } from './session';

interface Outcome {
  tone: 'success' | 'error';
  title: string;
  message: string;
}

/** What to say when a step failed, and whether the record must be read again. */
export type StepFailure = (error: unknown) => { title: string; message: string; reload: boolean };

interface Options {
  /** Reads the record again (someone else changed it). */
  reload: () => void;
  /** The event that marks the list behind the page out of date. */
  changed: string;
  failure: StepFailure;
}

/**
 * A staff detail page's steps: which one's form is open, and the result
 * shown at the top of the page, scrolled to. A refused session goes to the
 * login; a step someone else overtook reloads the record and its list.
 */
export function useStepOutcome<A extends string>({ reload, changed, failure }: Options) {
  const [chosen, setChosen] = useState<A | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const show = (next: Outcome) => {
    setOutcome(next);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
  };

  const choose = (action: A | null) => {
    if (action) setOutcome(null);
    setChosen(action);
  };

  /** The step went through: closes its form, marks the list stale and says what it did. */
  const succeeded = (title: string, message: string) => {
    setChosen(null);
    Taro.eventCenter.trigger(changed);
    show({ tone: 'success', title, message });
  };

  const failed = (error: unknown) => {
    if (isSessionError(error)) {
      goToLogin();
      return;
    }
    const said = failure(error);
    show({ tone: 'error', title: said.title, message: said.message });
    if (said.reload) {
      setChosen(null);
      reload();
      // Someone else changed it: the list behind this page is out of date too.
      Taro.eventCenter.trigger(changed);
    }
  };

  const notice = outcome ? (
    <Notice tone={outcome.tone} title={outcome.title}>
      <Text>{outcome.message}</Text>
    </Notice>
  ) : null;

  return { chosen, choose, succeeded, failed, notice };
}
