// Transitional: analysis/ still imports from here until its in-flight edits land.
export { CancelledError, standaloneContext, type TaskContext as JobContext } from '../util/task-context.js';
