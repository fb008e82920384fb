export { renderCaptions } from "./captions";
export { defineResultClient, type ResultBody, type ResultClient, type ResultContext } from "./client";
export { TranscriptError, type TranscriptErrorCode } from "./errors";
export { createEvent, type ResultConfig } from "./event";
export { fetchCaptions, fetchJobStatus, fetchTranscript } from "./fetch-transcript";
export { resultClients } from "./registry";
export { checkResultOptions } from "./resolve";
export type {
  CaptionFormat,
  FetchTranscriptOptions,
  JobStatusResult,
  RequestSettings,
  Transcript,
  TranscriptSegment,
  TranscriptWord,
} from "./types";
