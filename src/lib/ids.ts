const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route segments that cannot be an id are a 404 before any query runs. */
export const isUuid = (value: string) => UUID.test(value);
