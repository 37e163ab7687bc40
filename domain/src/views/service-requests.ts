/**
 * Response shapes of the service-requests routes: the server's query/view code returns these types and the client imports them
 * from @linli/domain instead of re-typing them, so a drift fails the type-check of one side or the other.
 */
export {};
