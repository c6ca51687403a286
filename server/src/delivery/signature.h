// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the destination's
// secret, so a receiver can check that a request comes from leadq, unaltered, and recent
// (the timestamp bounds replays). docs/webhooks.md shows how a receiver verifies it.
#ifndef LEADQ_SERVER_DELIVERY_SIGNATURE_H_
#define LEADQ_SERVER_DELIVERY_SIGNATURE_H_

#include <cstdint>
#include <string>

namespace leadq {

inline constexpr const char* kTimestampHeader = "X-Leadq-Timestamp";
inline constexpr const char* kSignatureHeader = "X-Leadq-Signature";
inline constexpr const char* kIdempotencyHeader = "Idempotency-Key";
inline constexpr const char* kEventHeader = "X-Leadq-Event";
inline constexpr const char* kDeliveryHeader = "X-Leadq-Delivery";
inline constexpr const char* kAttemptHeader = "X-Leadq-Attempt";
// Receivers should refuse a timestamp further than this from their own clock.
inline constexpr int64_t kReplayWindowSeconds = 300;

// Lowercase hex HMAC-SHA256 of `message` under `key`.
std::string HmacSha256Hex(const std::string& key, const std::string& message);

// The X-Leadq-Signature value: "v1=" + HmacSha256Hex(secret, timestamp + "." + body).
// The "v1=" scheme prefix lets a later scheme be added beside it.
std::string SignWebhook(const std::string& secret, int64_t timestamp_s, const std::string& body);

// What a receiver does: true when `signature` matches (compared in constant time) and
// `timestamp` is a number within `window_s` seconds of `now_s`.
bool VerifyWebhook(const std::string& secret, const std::string& timestamp,
                   const std::string& signature, const std::string& body, int64_t now_s,
                   int64_t window_s = kReplayWindowSeconds);

}  // namespace leadq

#endif  // LEADQ_SERVER_DELIVERY_SIGNATURE_H_
