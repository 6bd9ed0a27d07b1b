/** Lines and operators, wire → domain (spec §5.6, §5.11). */
import type { OpenLine, Operator } from '../../../../../shared/domain/dialog.ts';
import type { LineDto, UserDto } from './schemas.ts';

export function lineOf(dto: LineDto): OpenLine {
  return { id: dto.ID, name: dto.LINE_NAME || `#${dto.ID}` };
}

/** user.get lists people only (no bots, no connector users). */
export function operatorOf(dto: UserDto): Operator {
  const name = [dto.NAME, dto.LAST_NAME].filter((s) => s && s.trim()).join(' ');
  return { id: dto.ID, name: name || `#${dto.ID}`, isBot: false };
}
