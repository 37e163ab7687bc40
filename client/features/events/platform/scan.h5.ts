/** A browser has no camera scanner here: staff type the code under the attendee's QR. */
export const scanner = {
  typed: true,
  checkInLabel: '签到',
  checkOutLabel: '签退',
  read: (typed: string): Promise<string | null> => Promise.resolve(typed.trim() || null),
}
