/** Commands a unit workflow accepts: imperative, plain JSON. */
import { RuleError } from '../rule-error';
import type { UnitCommandPayloads, UnitCommandType, UnitEventData } from '@thidua/contracts';

/** A caller's command `K`: its payload as sent in the update or signal, who sent it and when. */
export type CallerCommand<K extends UnitCommandType = UnitCommandType> = CallerCommands[K];

type CallerCommands = {
  [P in UnitCommandType]: { type: P; at: string; actor?: string; receivedAt?: string; data: UnitCommandPayloads[P] };
};

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
