import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "./app-error";

/**
 * For pages: what a use case refuses with 404 / 403 becomes the 404 / 403 page, and so does an id in the address
 * that is not even well formed (the use case's 422); anything else is unexpected.
 */
export async function orDenyPage<T>(result: Promise<T>): Promise<T> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "UNPROCESSABLE")) notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
