import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/server/auth/auth";

const handler = async (request: Request) => (await getAuth()).handler(request);

export const { GET, POST } = toNextJsHandler(handler);
