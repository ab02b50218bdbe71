/** The public page a client opens from the email. */
export const publicProposalPath = (token: string) => `/p/${token}`;
