import bcrypt from 'bcryptjs';

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the e-mail is unknown, so a login takes as long either way. */
export const decoyPasswordHash = '$2b$10$vXvf7I9JEIG091AIvbBaa.l6Mt0BmWiA.jkbtg17MjX0x.N7uIrBe';
