import { toNextJsHandler } from "better-auth/next-js";
import { handleAuthRequest } from "@/lib/server/auth/handle-auth-request";
import { MAX_AUTH_BODY_BYTES } from "@/lib/server/http/request-body";
import { withBodyLimit } from "@/lib/server/http/with-body-limit";

// The body is size-checked (413) before better-auth parses it.
export const { GET, POST } = toNextJsHandler(withBodyLimit(handleAuthRequest, MAX_AUTH_BODY_BYTES));
