import bcrypt from 'bcryptjs';

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the e-mail is unknown, so a login takes as long either way. */
export const decoyPasswordHash = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jO6lq8XH1s5Qy7G8dG1f0K4vH1dK';
