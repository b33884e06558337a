import { create } from 'zustand';

/** What the user answers when unsaved changes are about to be replaced. */
export type DiscardAnswer = 'save' | 'discard' | 'cancel';

interface AskState {
  /** The open question, with the function that answers it; `null` when none is open. */
  question: { what: string; answer(a: DiscardAnswer): void } | null;
}

export const useAsk = create<AskState>()(() => ({ question: null }));

/**
 * Asks, in the app's own dialog, what to do with unsaved changes before
 * `what` ("opening another project") replaces them. A second question while
 * one is open cancels the first.
 */
export function askDiscard(what: string): Promise<DiscardAnswer> {
  useAsk.getState().question?.answer('cancel');
  return new Promise((resolve) => {
    useAsk.setState({
      question: {
        what,
        answer: (a) => {
          useAsk.setState({ question: null });
          resolve(a);
        },
      },
    });
  });
}
