import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response, set by entry.server. The
 * browser hides nonces from the DOM, so on the client it is undefined, which
 * is what hydration expects.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
