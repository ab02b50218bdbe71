/** The public page a client signs on, from the email. */
export const publicContractPath = (token: string) => `/c/${token}`;
