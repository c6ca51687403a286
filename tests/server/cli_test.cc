// The leadq command line, run as a separate process: help on every command, clear exit
// codes for bad arguments, validate-flow, a scripted simulate, migrate, and export and
// backup against a database while a server is writing to it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "leadq_cli.h"
#include "storage/sqlite_db.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/leadq-cli-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    FILE* file = fopen(path.c_str(), "w");
    fwrite(text.data(), 1, text.size(), file);
    fclose(file);
    return path;
  }
  std::string dir_;
};

TEST_F(CliTest, HelpForEveryCommand) {
  for (const char* command :
       {"serve", "migrate", "validate-flow", "compile-flow", "simulate", "export", "backup"}) {
    SCOPED_TRACE(command);
    Ran run = Leadq(std::string(command) + " --help");
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find(std::string("usage: leadq ") + command), std::string::npos);
  }
  Ran overview = Leadq("--help");
  EXPECT_EQ(overview.exit_code, 0);
  EXPECT_NE(overview.output.find("simulate"), std::string::npos);
}

TEST_F(CliTest, BadArgumentsExitWithTwoAndSayWhy) {
  struct Case {
    const char* args;
    const char* message;
  };
  const Case cases[] = {
      {"", "missing command"},
      {"fly", "unknown command \"fly\""},
      {"serve --port abc", "--port must be a number"},
      {"serve --threads 0", "--threads must be from 1"},
      {"serve --rate-ip fast", "--rate-ip must be PER_SECOND"},
      {"serve --retry-horizon 0", "--retry-horizon must be from 1 to 2592000 seconds"},
      {"serve --frobnicate 1", "unknown option --frobnicate"},
      {"serve --data-dir", "--data-dir needs a value"},
      {"export --format xml", "--format must be csv or json"},
      {"validate-flow", "usage: leadq validate-flow"},
      {"compile-flow", "usage: leadq compile-flow"},
      {"simulate", "usage: leadq simulate"},
      {"backup", "usage: leadq backup"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    Ran run = Leadq(c.args);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find(c.message), std::string::npos) << run.output;
  }
  Ran config = Leadq("serve --config " + Write("bad.json", "{\"port\": \"x\"}"));
  EXPECT_EQ(config.exit_code, 2);
  EXPECT_NE(config.output.find("bad.json"), std::string::npos) << config.output;
}

TEST_F(CliTest, ValidateFlowReportsEveryProblemWithItsPath) {
  Ran valid = Leadq("validate-flow " + DemoFlowsDir() + "/bant-demo.json");
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
  EXPECT_NE(valid.output.find("valid flow \"bant-demo\""), std::string::npos);
  Ran invalid =
      Leadq("validate-flow " + Write("bad-flow.json", R"({"format":"leadq.flow/1","steps":7})"));
  EXPECT_EQ(invalid.exit_code, 1) << invalid.output;
  EXPECT_NE(invalid.output.find("problem(s)"), std::string::npos) << invalid.output;
  EXPECT_NE(invalid.output.find("/steps"), std::string::npos) << invalid.output;
  Ran missing = Leadq("validate-flow " + dir_ + "/nope.json");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("cannot read"), std::string::npos);
}

TEST_F(CliTest, CompileFlowPrintsTheFormTheRuntimeReads) {
  const std::string flow = DemoFlowsDir() + "/bant-demo.json";
  Ran compiled = Leadq("compile-flow " + flow);
  ASSERT_EQ(compiled.exit_code, 0) << compiled.output;
  const Json form = Json::parse(compiled.output, nullptr, false);
  ASSERT_TRUE(form.is_object()) << compiled.output;
  EXPECT_EQ(form["compiled"], 2);
  EXPECT_EQ(form["id"], "bant-demo");
  Ran invalid =
      Leadq("compile-flow " + Write("bad-flow.json", R"({"format":"leadq.flow/1","steps":7})"));
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_NE(invalid.output.find("bad-flow.json:/steps: "), std::string::npos) << invalid.output;
  Ran missing = Leadq("compile-flow " + dir_ + "/nope.json");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("cannot read"), std::string::npos);
}

TEST_F(CliTest, SimulateIsScriptableThroughStandardInput) {
  // Choice numbers, plain values, a JSON string, an invalid e-mail that is asked again.
  const std::string answers = Write("answers.txt",
                                    "3\ndecision_maker\nlosing_leads\n\"within_2_weeks\"\n"
                                    "not-an-email\nann@example.com\n");
  Ran run = Leadq("simulate " + DemoFlowsDir() + "/bant-demo.json", answers);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("? What budget"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("  ! "), std::string::npos) << "the invalid e-mail is refused";
  EXPECT_NE(run.output.find("outcome: qualified, grade high, 100 points"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("+30  budget_large (budget)"), std::string::npos) << run.output;

  Ran short_input =
      Leadq("simulate " + DemoFlowsDir() + "/bant-demo.json", Write("short.txt", "1\n"));
  EXPECT_EQ(short_input.exit_code, 1);
  EXPECT_NE(short_input.output.find("input ended"), std::string::npos) << short_input.output;
}

TEST_F(CliTest, SimulateRunsFromFilesWithTheClockAndTheBehaviourSet) {
  const std::string flow = std::string(LEADQ_SOURCE_DIR) + "/tests/data/flows/general-lead.json";
  const std::string answers = Write("answers.json", R"({
    "segment": "it_services", "employees": "250", "role": "board", "need": "crm_software",
    "evaluate": "within_3_months", "decide": "within_6_months", "sales_call": "within_2_weeks",
    "request": "demo", "email": "Ann@Example.com", "consent": true})");
  // The pricing page two weeks (one half-life) before the clock, the blog just now.
  const std::string events = Write("events.json", R"([
    {"type": "page_view", "path": "/pricing", "at_ms": 1773421200000,
     "utm": {"campaign": "spring-demo", "source": "google"}},
    {"type": "page_view", "path": "/blog/crm"}])");
  Ran run = Leadq("simulate " + flow + " --answers " + answers + " --events " + events +
                  " --now 2026-03-27T17:00:00Z");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  for (const char* expected : {
           "clock: 2026-03-27 17:00 UTC",
           "signals: 2 page views, 2 visits, 0 s on site, channel referral, utm_campaign "
           "spring-demo, utm_source google",
           "  = \"it_services\"",
           "outcome: qualified, grade high, 105 points",
           "  stage sales_ready, conversion hard",
           "+5  pricing_pages (intent)",
           "+5  campaign (engagement)",
           "SLA: first response within 5 minutes, by 2026-03-27 17:05 UTC",
       }) {
    EXPECT_NE(run.output.find(expected), std::string::npos) << expected << "\n" << run.output;
  }

  // Answers that run out before the end, a bad clock, a file that is no JSON.
  Ran short_run = Leadq("simulate " + flow + " --answers " +
                        Write("few.json", R"([{"step": "segment", "value": "retail"}])"));
  EXPECT_EQ(short_run.exit_code, 1);
  EXPECT_NE(short_run.output.find("the answers ran out"), std::string::npos) << short_run.output;
  Ran bad_clock = Leadq("simulate " + flow + " --now yesterday");
  EXPECT_EQ(bad_clock.exit_code, 2);
  EXPECT_NE(bad_clock.output.find("--now must be a UTC time"), std::string::npos);
  Ran bad_events = Leadq("simulate " + flow + " --events " + Write("bad.json", "[{\"type\": 5"));
  EXPECT_EQ(bad_events.exit_code, 2);
  EXPECT_NE(bad_events.output.find("is not valid JSON (line 1, column"), std::string::npos)
      << bad_events.output;
  Ran bad_event = Leadq("simulate " + flow + " --events " +
                        Write("odd.json", R"([{"type": "page_view", "path": 5}])"));
  EXPECT_EQ(bad_event.exit_code, 2);
  EXPECT_NE(bad_event.output.find("odd.json:/0/path"), std::string::npos) << bad_event.output;
}

TEST_F(CliTest, SimulateCountsAnSlaInTheBusinessHoursGiven) {
  const std::string flow = std::string(LEADQ_SOURCE_DIR) + "/tests/data/flows/business-hours.json";
  const std::string answers = Write("plan.json", R"({"plan": "enterprise"})");
  const std::string hours = Write("hours.json", R"({"time_zone": "Europe/Amsterdam",
    "days": ["mon", "tue", "wed", "thu", "fri"], "hours": ["09:00", "17:30"]})");
  // Saturday 03:00 in Amsterdam: due on Monday at 09:05 CET.
  Ran run = Leadq("simulate " + flow + " --answers " + answers + " --business-hours " + hours +
                  " --now 2026-03-07T02:00:00Z");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(
      run.output.find("SLA: first response within 5 business minutes, by 2026-03-09 08:05 UTC"),
      std::string::npos)
      << run.output;
  Ran bad = Leadq("simulate " + flow + " --answers " + answers + " --business-hours " +
                  Write("bad-hours.json", R"({"time_zone": "Mars/Olympus", "days": ["mon"],
                        "hours": ["09:00", "17:00"]})"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad-hours.json:/time_zone: unknown time zone \"Mars/Olympus\""),
            std::string::npos)
      << bad.output;
}

TEST_F(CliTest, MigrateExportAndBackupWhileAServerWrites) {
  Ran migrated = Leadq("migrate --data-dir " + dir_ + "/fresh");
  EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_NE(migrated.output.find("schema version"), std::string::npos);

  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  const std::string session = StartSession(*client, "visitor-cli-0001");
  ASSERT_EQ(Answer(*client, session, "answer-cli-0001", "budget", "over_50k")->status, 200);
  Answer(*client, session, "answer-cli-0002", "email", "cmd@example.com");
  // The server keeps writing while the backup runs.
  std::atomic<bool> done{false};
  std::thread writer([&] {
    auto writer_client = server.Client();
    for (int i = 0; i < 200 && !done; ++i) StartSession(*writer_client);
  });
  const std::string backup = dir_ + "/backup.db";
  Ran run = Leadq("backup " + backup + " --data-dir " + server.data_dir());
  done = true;
  writer.join();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  {
    auto db = Database::Open(backup);
    ASSERT_TRUE(db.ok());
    auto stmt = db.value()->Prepare("SELECT COUNT(*) FROM answers");
    ASSERT_TRUE(stmt.ok()) << stmt.status().message();
    ASSERT_TRUE(stmt.value().Step().value());
    EXPECT_GE(stmt.value().Integer(0), 1);
  }
  Ran again = Leadq("backup " + backup + " --data-dir " + server.data_dir());
  EXPECT_EQ(again.exit_code, 1) << "an existing file is never overwritten";

  Ran csv = Leadq("export --data-dir " + server.data_dir());
  EXPECT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output.rfind("lead_id,site,", 0), 0u) << csv.output;
  EXPECT_NE(csv.output.find(session), std::string::npos);
  Ran json = Leadq("export --format json --site demo-site --data-dir " + server.data_dir());
  EXPECT_EQ(json.exit_code, 0) << json.output;
  nlohmann::json line =
      nlohmann::json::parse(json.output.substr(0, json.output.find('\n')), nullptr, false);
  ASSERT_TRUE(line.is_object()) << json.output;
  EXPECT_EQ(line["lead_id"], session);
  Ran nothing = Leadq("export --data-dir " + dir_ + "/none");
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.output.find("no database"), std::string::npos);
}

TEST_F(CliTest, SimulateRunsTheTestCasesTheConsoleSaves) {
  const std::string flow = DemoFlowsDir() + "/bant-demo.json";
  const std::string hot = R"({"budget": "over_50k", "authority": "decision_maker",
      "need": "losing_leads", "timing": "within_2_weeks", "email": "ann@example.com"})";
  const std::string tests =
      Write("tests.json", R"({"format": "leadq.tests/1", "cases": [
    {"name": "Hot lead", "answers": )" +
                              hot + R"(, "expect": {"triage": "qualified", "grade": "high"}},
    {"name": "Wrong grade", "answers": )" +
                              hot + R"(, "expect": {"triage": "qualified", "grade": "low"}}]})");
  Ran run = Leadq("simulate " + flow + " --tests " + tests);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("PASS  Hot lead: qualified, grade high"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("FAIL  Wrong grade: expected qualified, grade low; got qualified, "
                            "grade high, 100 points"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("1 passed, 1 failed"), std::string::npos) << run.output;

  const std::string passing = Write("passing.json", R"({"format": "leadq.tests/1", "cases": [
    {"name": "Hot lead", "answers": )" + hot + R"(, "expect": {"triage": "qualified"}}]})");
  EXPECT_EQ(Leadq("simulate " + flow + " --tests " + passing).exit_code, 0);

  Ran bad = Leadq("simulate " + flow + " --tests " +
                  Write("bad.json", R"({"format": "leadq.tests/1", "cases": [{"name": ""}]})"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad.json:/cases/0/name: must be a name"), std::string::npos)
      << bad.output;
}

}  // namespace
}  // namespace leadq::testing
