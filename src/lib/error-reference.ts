// How an unexpected error is told to people, wherever it shows (API answers, the sign-in form):
// only the reference under which the server logged it, never the error's own text.
export const unexpectedErrorMessage = (ref: string) => `Something went wrong (ref ${ref}). It has been logged.`;
