// What a dispatcher may do to a job, by the domain's state machine (exported from the domain
// into bindings/labels.ts): the console offers only what HQ would take.
import type { JobStatus } from "./bindings/JobStatus";
import { HQ_MOVES, RESCHEDULABLE } from "./bindings/labels";

/** HQ may move a job in `status` to `to` (reassigning is a move to `assigned`). */
export const hqMay = (status: JobStatus, to: JobStatus) => (HQ_MOVES[status] as readonly string[]).includes(to);

/** HQ may move the job's day and window. */
export const reschedulable = (status: JobStatus) => (RESCHEDULABLE as readonly string[]).includes(status);
