export { TimError, type TimErrorOptions } from './tim-error.js';
export { TimApiError, type ApiErrorFields } from './tim-api-error.js';
export { TimBatchError } from './tim-batch-error.js';
export { TimHttpError } from './tim-http-error.js';
export { TimNetworkError } from './tim-network-error.js';
export { TimResponseError } from './tim-response-error.js';
export { TimTimeoutError } from './tim-timeout-error.js';
export { TimValidationError, type ValidationIssue } from './tim-validation-error.js';
