/**
 * The Agora RTC types the player is written against, re-exported from the SDK's own ESM d.ts
 * (type-only: nothing here loads the SDK).
 */
export type {
  ClientConfig,
  ClientRoleOptions,
  ConnectionDisconnectedReason,
  ConnectionState,
  IAgoraRTCClient,
  IAgoraRTCRemoteUser,
  IRemoteAudioTrack,
  IRemoteVideoTrack,
  NetworkQuality,
  RemoteStreamFallbackType,
  RemoteStreamType,
  UID,
} from 'agora-rtc-sdk-ng/esm';
export type { RetryConfiguration } from '@agora-js/shared';
