/** A signed-in approver, as the session routes see them. */
export interface ApproverIdentity {
  sessionId: string;
  approverId: string;
  accountId: string;
  email: string;
  displayName: string;
  expiresAt: Date;
}
