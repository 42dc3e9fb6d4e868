// The server's JSON logger, for route code: a .server module, so it never reaches the browser bundle.
export { log } from "../../server/logger";
