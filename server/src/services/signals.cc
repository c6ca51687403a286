// Channel classification and the event fold.
#include "services/signals.h"

#include <algorithm>
#include <cctype>

namespace leadq {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "https://www.google.com/search?q=x" -> "www.google.com"
std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#:", start);
  return Lower(url.substr(start, end == std::string::npos ? std::string::npos : end - start));
}

bool HostMatches(const std::string& host, const std::vector<const char*>& names) {
  for (const char* name : names) {
    if (host.find(name) != std::string::npos) return true;
  }
  return false;
}

const std::vector<const char*> kSearchHosts = {"google.", "bing.",  "duckduckgo.", "yahoo.",
                                               "ecosia.", "baidu.", "yandex.",     "startpage."};
const std::vector<const char*> kSocialHosts = {"facebook.", "linkedin.",  "twitter.",   "x.com",
                                               "t.co",      "instagram.", "youtube.",   "reddit.",
                                               "tiktok.",   "lnkd.",      "pinterest.", "xing."};

int64_t Int(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string Text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string NormalizeChannel(const std::string& channel) {
  if (channel == "organic_search") return "organic";
  for (const char* known : {"direct", "organic", "paid", "social", "email", "referral"}) {
    if (channel == known) return channel;
  }
  return "";  // "internal" (a page of the site itself) and unknown names say nothing
}

std::string ClassifyChannel(const std::map<std::string, std::string>& utm,
                            const std::string& referrer, const std::string& own_host) {
  auto get = [&](const char* key) {
    auto it = utm.find(key);
    return it == utm.end() ? std::string() : Lower(it->second);
  };
  const std::string medium = get("medium");
  const std::string source = get("source");
  if (medium == "cpc" || medium == "ppc" || medium == "paid" || medium == "display" ||
      medium == "paidsearch" || medium == "paid_social") {
    return "paid";
  }
  if (medium == "email" || medium == "newsletter" || source == "newsletter") return "email";
  if (medium == "social" || HostMatches(source, kSocialHosts)) return "social";
  if (medium == "organic") return "organic";
  const std::string host = HostOf(referrer);
  if (host.empty() || (!own_host.empty() && host == own_host)) {
    return medium.empty() && source.empty() ? "direct" : "referral";
  }
  if (HostMatches(host, kSearchHosts)) return "organic";
  if (HostMatches(host, kSocialHosts)) return "social";
  return "referral";
}

Json FoldEvents(const Json& stored, const std::vector<EventRecord>& events) {
  Json signals = stored.is_object() ? stored : Json::object();
  int64_t page_views = Int(signals, "page_views");
  int64_t visits = Int(signals, "visits");
  int64_t time_on_site = Int(signals, "time_on_site");
  int64_t last_activity = Int(signals, "last_activity_ms");
  std::string channel = Text(signals, "channel");
  Json utm =
      signals.contains("utm") && signals["utm"].is_object() ? signals["utm"] : Json::object();
  std::vector<std::string> pages;
  if (auto it = signals.find("pages"); it != signals.end() && it->is_array()) {
    for (const Json& page : *it) {
      if (page.is_string()) pages.push_back(page.get<std::string>());
    }
  }
  // The widget marks each new visit with a "visit" event (with the channel it saw);
  // other clients send page views only, and visits are inferred from the gaps.
  const bool reports_visits = std::any_of(events.begin(), events.end(),
                                          [](const EventRecord& e) { return e.type == "visit"; });
  for (const EventRecord& event : events) {
    std::map<std::string, std::string> tags;
    if (auto it = event.data.find("utm"); it != event.data.end() && it->is_object()) {
      for (auto tag = it->begin(); tag != it->end(); ++tag) {
        if (tag.value().is_string()) tags[tag.key()] = tag.value().get<std::string>();
      }
    }
    if (!tags.empty() && event.type != "time_on_page") {
      utm = Json::object();
      for (const auto& [key, value] : tags) utm[key] = value;
    }
    if (event.type == "visit") {
      ++visits;
      if (channel.empty()) {
        const std::string told = NormalizeChannel(Text(event.data, "channel"));
        channel = !told.empty() ? told : ClassifyChannel(tags, "", "");
      }
    } else if (event.type == "page_view") {
      ++page_views;
      if (!reports_visits &&
          (last_activity == 0 || event.received_ms - last_activity > kVisitGapMs)) {
        ++visits;
      }
      if (channel.empty()) channel = ClassifyChannel(tags, Text(event.data, "referrer"), "");
      pages.erase(std::remove(pages.begin(), pages.end(), event.path), pages.end());
      pages.push_back(event.path);
      if (pages.size() > kMaxPagesKept) pages.erase(pages.begin());
    } else if (event.type == "time_on_page") {
      time_on_site += std::max<int64_t>(0, Int(event.data, "seconds"));
    }
    last_activity = std::max(last_activity, event.received_ms);
  }
  return Json{{"page_views", page_views},
              {"visits", visits},
              {"time_on_site", time_on_site},
              {"channel", channel},
              {"utm", utm},
              {"pages", pages},
              {"last_activity_ms", last_activity}};
}

}  // namespace leadq
