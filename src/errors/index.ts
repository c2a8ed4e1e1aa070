export { TimError, isTimError, type TimErrorOptions } from './tim-error.js';
export { TimApiError, isTimApiError, type ApiErrorFields } from './tim-api-error.js';
export { TimBatchError, isTimBatchError } from './tim-batch-error.js';
export { TimHttpError, isTimHttpError } from './tim-http-error.js';
export { TimNetworkError, isTimNetworkError } from './tim-network-error.js';
export { TimResponseError, isTimResponseError } from './tim-response-error.js';
export { TimTimeoutError, isTimTimeoutError } from './tim-timeout-error.js';
export { TimValidationError, isTimValidationError, type ValidationIssue } from './tim-validation-error.js';
export { TimRateLimitError, isTimRateLimitError } from './tim-rate-limit-error.js';
