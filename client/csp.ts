import { config } from 'zod';

/**
 * The page runs under a Content-Security-Policy without 'unsafe-eval'. zod would otherwise probe for eval
 * (`new Function`) while its schemas are built, which the browser blocks and reports as a violation; the
 * compiled fast path it enables is not needed for the small payloads the client checks. Imported first.
 */
config({ jitless: true });
