/*
 * The app's conversion of a stored Yjs document to TipTap JSON, for collab
 * tests that check what the server stores stays convertible (versions,
 * approvals and review summaries all run it).
 */
export { yjsStateToContent } from "~/features/documents/document-content.server";
