/** Commands a unit workflow accepts: imperative, plain JSON. */
import type { UnitCommandPayloads, UnitCommandType, UnitEventData } from '../../../libs/contracts/src/campaign';

/** A caller's command `K`: its payload as sent in the update or signal, who sent it and when. */
export type CallerCommand<K extends UnitCommandType = UnitCommandType> = CallerCommands[K];

type CallerCommands = { [P in UnitCommandType]: { type: P; at: string; actor?: string; receivedAt?: string; data: UnitCommandPayloads[P] } };

/** Every command, each with the instant it is decided at (workflow time). */
export type UnitCommand = { type: 'Enrol'; at: string; data: UnitEventData['UnitEnrolled'] } | { type: 'Tick'; at: string; actor?: undefined } | CallerCommand;

/** Why a command was refused: a stable code and a Vietnamese message for the user. */
export class UnitRuleError extends Error {
  override readonly name = 'UnitRuleError';
  constructor(
    readonly code: 'invalid' | 'cutoff-passed' | 'wrong-phase' | 'closed',
    message: string,
  ) {
    super(message);
  }
}
