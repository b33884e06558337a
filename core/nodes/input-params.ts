/** The params the sequence inputs share (SequenceInput, TokenInput), declared once. */

export const TIMESTEPS_PARAM = { kind: 'int', min: 1, max: 100000, nullable: true, initial: null, help: 'steps per sequence; none for variable length' } as const;

export const FEEDBACK_PARAM = { kind: 'nodeRef', default: null, help: 'an Output whose samples feed this input at the next step when generating' } as const;
