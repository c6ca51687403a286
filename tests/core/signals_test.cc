// Channel classification and the event fold, as tables (the shared fold-* vectors run the
// same code through the JSON facade on both targets).
#include "leadq/signals.h"

#include <gtest/gtest.h>

#include "leadq/codec.h"

namespace leadq {
namespace {

TEST(SignalsTest, ChannelOfAVisit) {
  struct Case {
    const char* name;
    std::map<std::string, std::string> utm;
    std::vector<std::string> params;
    const char* referrer;
    const char* own_host;
    const char* channel;
  };
  const Case cases[] = {
      {"nothing", {}, {}, "", "example.com", "direct"},
      {"tags without referrer", {{"source", "partner"}}, {}, "", "", "referral"},
      {"cpc", {{"medium", "CPC"}}, {}, "https://www.google.com/", "", "paid"},
      {"paid social", {{"medium", "paid_social"}}, {}, "", "", "paid"},
      {"display", {{"medium", "display"}}, {}, "", "", "paid"},
      {"gclid", {}, {"gclid"}, "", "", "paid"},
      {"msclkid upper case", {}, {"MSCLKID"}, "https://www.bing.com/", "", "paid"},
      {"fbclid alone", {}, {"fbclid"}, "", "", "social"},
      {"email medium", {{"medium", "email"}}, {}, "", "", "email"},
      {"newsletter source", {{"source", "Newsletter"}}, {}, "", "", "email"},
      {"social medium", {{"medium", "social"}}, {}, "", "", "social"},
      {"social source", {{"source", "linkedin.com"}}, {}, "", "", "social"},
      {"organic medium", {{"medium", "organic"}}, {}, "", "", "organic"},
      {"search referrer", {}, {}, "https://search.yahoo.co.jp/search?p=x", "", "organic"},
      {"search app",
       {},
       {},
       "android-app://com.google.android.googlequicksearchbox",
       "",
       "organic"},
      {"t.co", {}, {}, "https://t.co/abc", "", "social"},
      {"tiktok", {}, {}, "https://www.tiktok.com/@x", "", "social"},
      {"look-alike host", {}, {}, "https://googleish.example/", "", "referral"},
      {"own host", {}, {}, "https://www.example.com/pricing", "example.com", ""},
      {"own host, other case", {}, {}, "https://Example.COM/", "www.example.com", ""},
      {"own host with a source",
       {{"source", "partner"}},
       {},
       "https://example.com/",
       "example.com",
       "referral"},
      {"own host unknown", {}, {}, "https://example.com/", "", "referral"},
      {"credentials and port", {}, {}, "https://u:p@www.bing.com:443/x", "", "organic"},
      {"not a URL", {}, {}, "garbage", "", "direct"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyChannel(c.utm, c.params, c.referrer, c.own_host), c.channel) << c.name;
  }
}

TEST(SignalsTest, ReportedChannelsAreNormalised) {
  EXPECT_EQ(NormalizeChannel("organic_search"), "organic");
  EXPECT_EQ(NormalizeChannel("paid"), "paid");
  EXPECT_EQ(NormalizeChannel("internal"), "");
  EXPECT_EQ(NormalizeChannel("PAID"), "");
}

Event PageView(const char* path, int64_t at_ms) {
  Event event;
  event.path = path;
  event.at_ms = at_ms;
  return event;
}

TEST(SignalsTest, PagesKeepTheFiftyMostRecent) {
  std::vector<Event> events;
  for (int i = 0; i < 60; ++i) {
    events.push_back(PageView(("/p" + std::to_string(i)).c_str(), 1000 + i));
  }
  const Signals signals = FoldEvents(Signals(), events);
  ASSERT_EQ(signals.pages.size(), kMaxPagesKept);
  EXPECT_EQ(signals.pages.front(), (SeenPage{"/p10", 1010}));
  EXPECT_EQ(signals.pages.back(), (SeenPage{"/p59", 1059}));
  EXPECT_EQ(signals.page_views, 60);
  EXPECT_EQ(signals.visits, 1);
  EXPECT_EQ(signals.last_activity_ms, 1059);
}

TEST(SignalsTest, CountsSaturateAtTwoToTheFiftyThree) {
  Signals signals;
  signals.time_on_site_seconds = (int64_t{1} << 53) - 10;
  signals.page_views = int64_t{1} << 53;
  Event time;
  time.type = Event::Type::kTimeOnPage;
  time.seconds = 86400;
  signals = FoldEvents(signals, {time, PageView("/", 5)});
  EXPECT_EQ(signals.time_on_site_seconds, int64_t{1} << 53);
  EXPECT_EQ(signals.page_views, int64_t{1} << 53);
  EXPECT_TRUE(DecodeSignals(EncodeSignals(signals), "").ok()) << "still a valid profile";
}

TEST(SignalsTest, AnEarlierEventDoesNotMoveTheLastActivityBack) {
  Signals signals;
  signals.last_activity_ms = 10'000'000;
  signals.visits = 1;
  signals = FoldEvents(signals, {PageView("/late", 9'000'000)});
  EXPECT_EQ(signals.last_activity_ms, 10'000'000);
  EXPECT_EQ(signals.visits, 1) << "a clock behind the last activity starts no visit";
}

TEST(SignalsTest, TwoVisitorsFoundToBeOneMergeTheirSignals) {
  Signals into;
  into.page_views = 3;
  into.visits = 1;
  into.time_on_site_seconds = 40;
  into.pages = {{"/a", 1'000}, {"/pricing", 5'000}};
  into.last_activity_ms = 5'000;
  Signals from;
  from.page_views = 2;
  from.visits = 2;
  from.time_on_site_seconds = int64_t{1} << 53;
  from.channel = "paid";
  from.utm = {{"source", "google"}};
  from.pages = {{"/a", 3'000}, {"/demo", 4'000}};
  from.last_activity_ms = 4'000;

  const Signals merged = MergeSignals(into, from);
  EXPECT_EQ(merged.page_views, 5);
  EXPECT_EQ(merged.visits, 3);
  EXPECT_EQ(merged.time_on_site_seconds, int64_t{1} << 53) << "saturates";
  EXPECT_EQ(merged.channel, "paid") << "the channel of the one that has it";
  EXPECT_EQ(merged.utm, from.utm);
  EXPECT_EQ(merged.pages,
            (std::vector<SeenPage>{{"/pricing", 5'000}, {"/a", 3'000}, {"/demo", 4'000}}))
      << "each page once, in its most recent place, seen when either saw it last";
  EXPECT_EQ(merged.last_activity_ms, 5'000);

  into.channel = "organic";
  into.utm = {{"source", "newsletter"}};
  const Signals kept = MergeSignals(into, from);
  EXPECT_EQ(kept.channel, "organic") << "an entry channel is never replaced";
  EXPECT_EQ(kept.utm, into.utm);
}

TEST(SignalsTest, MergedPagesKeepTheFiftyMostRecent) {
  Signals into;
  Signals from;
  for (int i = 0; i < 40; ++i) {
    into.pages.push_back({"/i" + std::to_string(i), i});
    from.pages.push_back({"/f" + std::to_string(i), 100 + i});
  }
  const Signals merged = MergeSignals(into, from);
  ASSERT_EQ(merged.pages.size(), kMaxPagesKept);
  EXPECT_EQ(merged.pages.front().path, "/i30");
  EXPECT_EQ(merged.pages.back().path, "/f39");
}

TEST(SignalsTest, EachPageKeepsWhenItWasLastSeen) {
  Signals signals = FoldEvents(Signals(), {PageView("/pricing", 1'000), PageView("/blog", 2'000),
                                           PageView("/pricing", 3'000)});
  EXPECT_EQ(signals.pages, (std::vector<SeenPage>{{"/blog", 2'000}, {"/pricing", 3'000}}));
  // A late event (a clock behind) moves the page to the front of the list but never
  // makes it older than it is.
  signals = FoldEvents(signals, {PageView("/pricing", 2'500)});
  EXPECT_EQ(signals.pages.back(), (SeenPage{"/pricing", 3'000}));
}

TEST(SignalsTest, PageTimesRoundTripAndOlderProfilesStillRead) {
  Signals signals;
  signals.pages = {{"/a", 10}, {"/b", 20}};
  const JsonValue encoded = EncodeSignals(signals);
  EXPECT_EQ(encoded["pages"].Dump(), R"(["/a","/b"])");
  EXPECT_EQ(encoded["pages_seen_ms"].Dump(), "[10,20]");
  Result<Signals> decoded = DecodeSignals(encoded, "/signals");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value().pages, signals.pages);

  JsonValue older = encoded;
  older.Erase("pages_seen_ms");
  decoded = DecodeSignals(older, "/signals");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value().pages, (std::vector<SeenPage>{{"/a", 0}, {"/b", 0}}));

  JsonValue mismatched = encoded;
  mismatched.Set("pages_seen_ms", JsonValue::Array{JsonValue(10)});
  decoded = DecodeSignals(mismatched, "/signals");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().path(), "/signals/pages_seen_ms");
}

}  // namespace
}  // namespace leadq
