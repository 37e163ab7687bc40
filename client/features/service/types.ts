/** 码上办's response shapes come from @linli/domain (the server returns the same types), never re-typed here. */
export type {
  TicketCategory as Category,
  TicketPhoto as Photo,
  TicketSummary,
  TicketListItem,
  TicketTask,
  TicketTimelineEntry as TimelineEntry,
  TicketDetail,
  TicketPage as Page,
  TicketQueue,
  WorkerTasks,
  GridWorkerOption,
  GridWorkerPage,
  Open311KeyView,
  Open311KeyIssued,
  BoardStats,
  TicketBoardView as Board,
} from '@linli/domain'
