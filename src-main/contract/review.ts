/** The review queue's part of the API contract (#13 item 5): spread into `paramSchemas` and `ApiResults`. */
export const reviewSchemas = {} as const;

/** Empty until the queue's methods land. */
export interface ReviewResults {}
