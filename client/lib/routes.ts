/** The page table lives in `@linli/domain` so that the server's notification links and the client agree. */
export { ROUTES, TAB_ROUTES, withQuery, link } from '@linli/domain'
export type { RouteName, RoutePath } from '@linli/domain'
