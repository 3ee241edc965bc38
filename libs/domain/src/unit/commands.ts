/** Commands a unit workflow accepts: imperative, plain JSON. */
import { RuleError } from '../rule-error';
import type { UnitCommandArgs, UnitCommandPayloads, UnitCommandType, UnitEventData } from '@thidua/contracts';

/** A caller's command `K`: its payload as sent in the update or signal, who sent it and when. */
export type CallerCommand<K extends UnitCommandType = UnitCommandType> = CallerCommands[K];

type CallerCommands = {
  [P in UnitCommandType]: { type: P; at: string; actor?: string; receivedAt?: string; data: UnitCommandPayloads[P] };
};

/** A caller's update or signal argument as command `K` decided at `at`: the decider reads the payload, who and when travel beside it. */
export function callerCommand<K extends UnitCommandType>(type: K, arg: UnitCommandArgs<K>, at: string): CallerCommand<K> {
  const { actor, receivedAt } = arg;
  // TypeScript cannot build a value of the indexed type for a generic K; the fields above are K's by construction.
  return { type, at, actor, ...(receivedAt === undefined ? {} : { receivedAt }), data: arg } as CallerCommand<K>;
}

/** Every command, each with the instant it is decided at (workflow time). */
export type UnitCommand =
  | { type: 'Enrol'; at: string; data: UnitEventData['UnitEnrolled'] }
  | { type: 'Tick'; at: string; actor?: undefined; missedBeforeClose?: boolean }
  | CallerCommand;

/** Why a unit command was refused. */
export class UnitRuleError extends RuleError {
  override readonly name = 'UnitRuleError';
  constructor(code: 'invalid' | 'cutoff-passed' | 'wrong-phase' | 'closed', message: string, problems: readonly string[] = []) {
    super(code, message, problems);
  }
}
