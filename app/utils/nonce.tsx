import { createContext, useContext } from "react";

/** The per-response CSP nonce, handed from the Express server through entry.server to <Scripts>. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
