// Channel classification and the event fold.
#include "leadq/signals.h"

#include <algorithm>

namespace leadq {
namespace {

// Counts and times stay within 2^53, which JavaScript holds exactly and the codec reads.
constexpr int64_t kMaxCount = int64_t{1} << 53;

int64_t Add(int64_t a, int64_t b) { return a >= kMaxCount - b ? kMaxCount : a + b; }

// `path` seen again: moved to the most recent place, the oldest dropped past the limit.
// Moves `path` to the most recent place, seen at `at_ms` (or earlier, if it was seen
// later already: events may arrive out of order).
void SeePage(std::vector<SeenPage>& pages, const std::string& path, int64_t at_ms) {
  auto it = std::find_if(pages.begin(), pages.end(),
                         [&](const SeenPage& page) { return page.path == path; });
  if (it != pages.end()) {
    at_ms = std::max(at_ms, it->last_seen_ms);
    pages.erase(it);
  }
  pages.push_back({path, at_ms});
  if (pages.size() > kMaxPagesKept) pages.erase(pages.begin());
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "https://www.Google.com:443/search?q=x" -> "www.google.com"; "" when there is none.
std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  const size_t at = url.find('@', start);
  const size_t end = url.find_first_of("/?#", start);
  if (at != std::string_view::npos && (end == std::string_view::npos || at < end)) start = at + 1;
  std::string_view host = url.substr(start, end == std::string_view::npos ? end : end - start);
  host = host.substr(0, host.find(':'));
  return Lower(host);
}

std::string_view WithoutWww(std::string_view host) {
  return StartsWith(host, "www.") ? host.substr(4) : host;
}

// Whether a label of `host` before its last one is one of `names` ("www.google.co.uk"
// has google; "google" alone, as a utm_source, counts too).
bool HasLabel(std::string_view host, std::initializer_list<std::string_view> names) {
  size_t start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    const bool last = end == std::string_view::npos;
    if (last) end = host.size();
    const std::string_view label = host.substr(start, end - start);
    const bool only = start == 0 && last;
    if ((!last || only) && std::find(names.begin(), names.end(), label) != names.end()) return true;
    if (last) break;
    start = end + 1;
  }
  return false;
}

bool IsSearch(std::string_view host) {
  return HasLabel(host, {"google", "bing", "duckduckgo", "yahoo", "ecosia", "baidu", "yandex",
                         "startpage", "qwant"});
}

bool IsSocial(std::string_view host) {
  if (host == "t.co" || host == "x.com" || host == "lnkd.in") return true;
  return HasLabel(host, {"facebook", "linkedin", "instagram", "twitter", "reddit", "youtube",
                         "tiktok", "pinterest", "xing"});
}

bool Has(const std::vector<std::string>& params, std::initializer_list<std::string_view> names) {
  for (const std::string& param : params) {
    const std::string name = Lower(param);
    if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  }
  return false;
}

std::string Tag(const std::map<std::string, std::string>& utm, const char* key) {
  auto it = utm.find(key);
  return it == utm.end() ? std::string() : Lower(it->second);
}

}  // namespace

std::string ClassifyChannel(const std::map<std::string, std::string>& utm,
                            const std::vector<std::string>& params, std::string_view referrer,
                            std::string_view own_host) {
  const std::string medium = Tag(utm, "medium");
  const std::string source = Tag(utm, "source");
  for (std::string_view paid : {"cpc", "ppc", "paid", "display", "cpm"}) {
    if (StartsWith(medium, paid)) return "paid";
  }
  // Ad click ids that ad platforms add to paid clicks only.
  if (Has(params, {"gclid", "gbraid", "wbraid", "dclid", "msclkid", "ttclid", "li_fat_id"})) {
    return "paid";
  }
  if (medium == "email" || medium == "e-mail" || medium == "newsletter" || source == "newsletter") {
    return "email";
  }
  if (medium == "social" || IsSocial(source)) return "social";
  if (medium == "organic") return "organic";
  const std::string host = HostOf(referrer);
  if (!host.empty() && !own_host.empty() && WithoutWww(host) == WithoutWww(Lower(own_host))) {
    // Moving between the site's own pages: unless tagged, it says nothing.
    return medium.empty() && source.empty() ? "" : "referral";
  }
  if (host.empty()) {
    if (Has(params, {"fbclid"})) return "social";
    return medium.empty() && source.empty() ? "direct" : "referral";
  }
  if (IsSearch(host)) return "organic";
  if (IsSocial(host)) return "social";
  return "referral";
}

std::string NormalizeChannel(std::string_view channel) {
  if (channel == "organic_search") return "organic";
  for (std::string_view known : {"direct", "organic", "paid", "social", "email", "referral"}) {
    if (channel == known) return std::string(channel);
  }
  return "";  // "internal" (a page of the site itself) and unknown names say nothing
}

Signals FoldEvents(Signals signals, const std::vector<Event>& events) {
  // Earlier widgets marked each new visit with a "visit" event; a batch that has them
  // counts visits by them, others by the gaps between page views.
  const bool marks_visits = std::any_of(
      events.begin(), events.end(), [](const Event& e) { return e.type == Event::Type::kVisit; });
  for (const Event& event : events) {
    if (!event.utm.empty() && event.type != Event::Type::kTimeOnPage) signals.utm = event.utm;
    switch (event.type) {
      case Event::Type::kVisit:
        signals.visits = Add(signals.visits, 1);
        if (signals.channel.empty()) signals.channel = NormalizeChannel(event.channel);
        if (signals.channel.empty()) {
          signals.channel = ClassifyChannel(event.utm, event.params, event.referrer, event.host);
        }
        break;
      case Event::Type::kPageView: {
        signals.page_views = Add(signals.page_views, 1);
        const bool new_visit =
            signals.last_activity_ms == 0 || event.at_ms - signals.last_activity_ms > kVisitGapMs;
        if (!marks_visits && new_visit) signals.visits = Add(signals.visits, 1);
        if (signals.channel.empty()) {
          signals.channel = ClassifyChannel(event.utm, event.params, event.referrer, event.host);
        }
        SeePage(signals.pages, event.path, event.at_ms);
        break;
      }
      case Event::Type::kTimeOnPage:
        signals.time_on_site_seconds = Add(signals.time_on_site_seconds, event.seconds);
        break;
    }
    signals.last_activity_ms = std::max(signals.last_activity_ms, event.at_ms);
  }
  return signals;
}

Signals MergeSignals(Signals into, const Signals& from) {
  into.page_views = Add(into.page_views, from.page_views);
  into.visits = Add(into.visits, from.visits);
  into.time_on_site_seconds = Add(into.time_on_site_seconds, from.time_on_site_seconds);
  into.last_activity_ms = std::max(into.last_activity_ms, from.last_activity_ms);
  if (into.channel.empty()) into.channel = from.channel;
  if (into.utm.empty()) into.utm = from.utm;
  for (const SeenPage& page : from.pages) SeePage(into.pages, page.path, page.last_seen_ms);
  return into;
}

}  // namespace leadq
