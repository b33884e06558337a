import { DataError } from './types';

/** The message of the DataError a promise rejects with; anything else fails the test. */
export async function dataErrorMessage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
  throw new Error('expected a DataError');
}
