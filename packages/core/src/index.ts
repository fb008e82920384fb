export type { CallbackUrlOptions } from "./callback-url";
export { signCallbackUrl } from "./callback-url";
export { createReceiver } from "./create-receiver";
export { type MemoryDedupeStore, type MemoryStoreOptions, memoryStore } from "./dedupe/memory-store";
export type { ClaimResult, DedupeStore } from "./dedupe/store";
export { WebhookError, type WebhookErrorCode } from "./errors";
export type {
  EventHandler,
  EventStatus,
  EventType,
  ProviderId,
  ProviderPayload,
  ProviderPayloads,
  RejectedDelivery,
  StatusOfType,
  TranscriptionEvent,
} from "./events";
export type { IncomingHeaders, RequestBody, WebhookRequest, WebhookResponse } from "./http";
export { type MultipartPart, multipartBoundary, parseMultipart } from "./multipart";
export type { ProvidersOptions, ReceiverOptions } from "./options";
export type * from "./providers";
export { builtinProviders } from "./providers";
export type {
  AuthKind,
  ErrorFields,
  FieldPaths,
  HeaderNames,
  SignatureScheme,
  StatusTable,
} from "./providers/declared";
export {
  type BodyFormat,
  defineProvider,
  type HttpMethod,
  type Normalised,
  type ProviderConfig,
  type ProviderContext,
  type ProviderDefinition,
  type SignatureOptions,
} from "./providers/define-provider";
export { verifyStandardWebhook } from "./providers/standardwebhooks";
export { queueJobId } from "./queue/job-id";
export type { QueuedExpectation, TranscriptionQueue } from "./queue/queue";
export { reviveEvent } from "./queue/revive";
export type { Receiver } from "./receiver";
export { createEnqueueOnce } from "./receiver/enqueue";
export type { ReceiverOptionsInput } from "./receiver/lazy";
export {
  type CaptionFormat,
  createEvent,
  defineResultClient,
  type FetchTranscriptOptions,
  fetchCaptions,
  fetchJobStatus,
  fetchTranscript,
  type JobStatusResult,
  type RequestSettings,
  type ResultBody,
  type ResultClient,
  type ResultConfig,
  type ResultContext,
  renderCaptions,
  resultClients,
  type Transcript,
  TranscriptError,
  type TranscriptErrorCode,
  type TranscriptSegment,
  type TranscriptWord,
} from "./transcript";
export { type ResultReader, resultReader } from "./transcript/reader";
export { parseBytes, parseDuration } from "./units";
export {
  assertHmac,
  computeHmac,
  type HmacAlgorithm,
  type SignatureEncoding,
  type VerifyHmacOptions,
  verifyHmac,
} from "./verify/hmac";
export { type CompiledSignature, type DeclaredSignature, hmacSignature } from "./verify/hmac-signature";
export { ipAllowList } from "./verify/ip-allowlist";
export { safeEqual } from "./verify/safe-equal";
export { type ExpectedHeaders, verifyStaticHeaders } from "./verify/static-headers";
export { type VerifyTimestampOptions, verifyTimestamp } from "./verify/timestamp";
export {
  URL_TOKEN_PARAM,
  type UrlTokenClaims,
  type VerifyUrlTokenOptions,
  verifyUrlToken,
} from "./verify/url-token";
export { memoryWatchdog } from "./watchdog/memory-watchdog";
export {
  type Expectation,
  type JobStatus,
  type JobStatusFn,
  type OverdueEvent,
  reviveOverdue,
} from "./watchdog/overdue";
export { type PollOptions, pollJob } from "./watchdog/poll";
