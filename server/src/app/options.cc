// Parsing the command line (and the serve command's config file).
#include "app/options.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace leadq {
namespace {

using Json = nlohmann::json;

const std::set<std::string> kCommands = {"serve",    "migrate", "validate-flow", "compile-flow",
                                         "simulate", "export",  "backup"};

bool ParseInt(const std::string& text, int min, int max, int* out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const int value = std::atoi(text.c_str());
  if (value < min || value > max) return false;
  *out = value;
  return true;
}

// "PER_SECOND" or "PER_SECOND/BURST" (burst defaults to twice the rate); "0" disables.
bool ParseRate(const std::string& text, RateLimit* limit) {
  const size_t slash = text.find('/');
  int rate = 0, burst = 0;
  if (!ParseInt(text.substr(0, slash), 0, 10'000'000, &rate)) return false;
  if (slash == std::string::npos) {
    burst = rate * 2;
  } else if (!ParseInt(text.substr(slash + 1), 1, 100'000'000, &burst)) {
    return false;
  }
  *limit = {static_cast<double>(rate), static_cast<double>(rate == 0 ? 0 : burst)};
  return true;
}

// Applies one option (name without dashes) with its value. Shared by flags and the
// config file so that both accept exactly the same settings.
Status Apply(const std::string& name, const std::string& value, Options* options) {
  const auto bad = [&](const std::string& what) {
    return Status::InvalidArgument("--" + name + " " + what + " (got \"" + value + "\")");
  };
  if (name == "port") {
    if (!ParseInt(value, 0, 65535, &options->port)) return bad("must be a number from 0 to 65535");
  } else if (name == "threads") {
    if (!ParseInt(value, 1, 1024, &options->threads)) return bad("must be from 1 to 1024");
  } else if (name == "bind") {
    options->bind = value;
  } else if (name == "data-dir") {
    options->data_dir = value;
  } else if (name == "web-root") {
    options->web_root = value;
  } else if (name == "wasm-dir") {
    options->wasm_dir = value;
  } else if (name == "widget-dir") {
    options->widget_dir = value;
  } else if (name == "seed-flows") {
    options->seed_flows = value;
  } else if (name == "public-url") {
    options->public_url = value;
  } else if (name == "admin-key") {
    if (value.size() < 16) return bad("must be at least 16 characters");
    options->admin_key = value;
  } else if (name == "allow-origin") {
    options->allow_origins.push_back(value);
  } else if (name == "rate-ip") {
    if (!ParseRate(value, &options->per_ip)) return bad("must be PER_SECOND or PER_SECOND/BURST");
  } else if (name == "rate-site") {
    if (!ParseRate(value, &options->per_site)) return bad("must be PER_SECOND or PER_SECOND/BURST");
  } else if (name == "retention-days") {
    if (!ParseInt(value, 0, 36500, &options->retention_days)) return bad("must be from 0 to 36500");
  } else if (name == "retry-horizon") {
    if (!ParseInt(value, 1, 30 * 24 * 3600, &options->retry_horizon_s)) {
      return bad("must be from 1 to 2592000 seconds");
    }
  } else if (name == "max-body") {
    int bytes = 0;
    if (!ParseInt(value, 1024, 64 * 1024 * 1024, &bytes)) return bad("must be 1024 to 67108864");
    options->max_body_bytes = static_cast<size_t>(bytes);
  } else if (name == "max-admin-body") {
    int bytes = 0;
    if (!ParseInt(value, 64 * 1024, 64 * 1024 * 1024, &bytes)) {
      return bad("must be 65536 to 67108864");
    }
    options->max_admin_body_bytes = static_cast<size_t>(bytes);
  } else if (name == "format") {
    if (value != "csv" && value != "json") return bad("must be csv or json");
    options->format = value;
  } else if (name == "site") {
    options->site = value;
  } else if (name == "language") {
    options->language = value;
  } else if (name == "now") {
    options->now = value;
  } else if (name == "events") {
    options->events_file = value;
  } else if (name == "answers") {
    options->answers_file = value;
  } else if (name == "tests") {
    options->tests_file = value;
  } else if (name == "business-hours") {
    options->business_hours_file = value;
  } else {
    return Status::InvalidArgument("unknown option --" + name + "\n" + Usage(options->command));
  }
  return Status::Ok();
}

bool TakesNoValue(const std::string& name) { return name == "access-log" || name == "help"; }

Status LoadConfig(const std::string& path, Options* options) {
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("cannot read config file " + path);
  std::stringstream text;
  text << in.rdbuf();
  Json config = Json::parse(text.str(), nullptr, false);
  if (config.is_discarded() || !config.is_object()) {
    return Status::InvalidArgument("config file " + path + " is not a JSON object");
  }
  for (auto it = config.begin(); it != config.end(); ++it) {
    std::string name = it.key();
    for (char& c : name) c = c == '_' ? '-' : c;
    const Json& value = it.value();
    if (name == "access-log") {
      if (!value.is_boolean())
        return Status::InvalidArgument(path + ": access_log must be a boolean");
      options->access_log = value.get<bool>();
      continue;
    }
    std::vector<Json> values =
        value.is_array() ? std::vector<Json>(value.begin(), value.end()) : std::vector<Json>{value};
    for (const Json& item : values) {
      std::string text_value;
      if (item.is_string()) {
        text_value = item.get<std::string>();
      } else if (item.is_number_unsigned()) {
        text_value = std::to_string(item.get<uint64_t>());
      } else {
        return Status::InvalidArgument(path + ": " + it.key() + " must be a string or a number");
      }
      Status status = Apply(name, text_value, options);
      if (!status.ok()) return Status::InvalidArgument(path + ": " + status.message());
    }
  }
  return Status::Ok();
}

}  // namespace

std::string Usage(const std::string& command) {
  if (command == "serve") {
    return "usage: leadq serve [options]\n"
           "  --config FILE        JSON object of these options (e.g. {\"port\": 8080}); flags "
           "win\n"
           "  --port N             TCP port (default 8080; 0 picks a free one)\n"
           "  --bind ADDR          address to listen on (default 127.0.0.1)\n"
           "  --data-dir DIR       where leadq.db lives (default ./data)\n"
           "  --threads N          request threads: one per open connection (default 64)\n"
           "  --web-root DIR       serve the demo page and widget from DIR (the repo's web/)\n"
           "  --wasm-dir DIR       serve leadq-core.mjs/.wasm from DIR at /widget/core/\n"
           "  --widget-dir DIR     serve the shipped widget from DIR at /widget/ (build/widget,\n"
           "                       made by scripts/build-widget.mjs; default: the source modules\n"
           "                       in the web root)\n"
           "  --seed-flows DIR     publish every flow in DIR for the site demo-site\n"
           "  --admin-key KEY      admin API key (default: $LEADQ_ADMIN_KEY, or generated once\n"
           "                       and kept in DIR/admin.key)\n"
           "  --allow-origin O     also allow browser origin O for every site (repeatable)\n"
           "  --public-url URL     base URL of lead links in webhooks (default: own origin)\n"
           "  --rate-ip R[/B]      public requests per second (burst B) per client IP\n"
           "                       (default 50/300; 0 disables)\n"
           "  --rate-site R[/B]    public requests per second (burst B) per site (default "
           "1000/5000)\n"
           "  --retention-days N   purge raw events older than N days, hourly (default 0: keep)\n"
           "  --retry-horizon S    retry a failing webhook delivery for S seconds, then make it a\n"
           "                       dead letter (default 86400)\n"
           "  --max-body BYTES     largest request body outside the admin API (default 65536;\n"
           "                       larger gets 413)\n"
           "  --max-admin-body BYTES  largest admin API body, flow documents (default 4194304)\n"
           "  --access-log         log every request to stderr\n";
  }
  if (command == "migrate") {
    return "usage: leadq migrate [--data-dir DIR]\n"
           "  applies pending schema migrations to DIR/leadq.db and exits\n";
  }
  if (command == "validate-flow") {
    return "usage: leadq validate-flow FILE\n"
           "  prints every problem of the flow in FILE with its JSON path; exit 0 when valid,\n"
           "  1 when it has problems\n";
  }
  if (command == "compile-flow") {
    return "usage: leadq compile-flow FILE\n"
           "  prints the flow in FILE in the compiled form the widget's runtime reads (for a\n"
           "  widget with data-flow-src on static hosting); exit 1 with every problem when the\n"
           "  flow is not valid\n";
  }
  if (command == "simulate") {
    return "usage: leadq simulate FILE [--language L] [--now TIME] [--events FILE]\n"
           "                      [--answers FILE] [--business-hours FILE] [--tests FILE]\n"
           "  runs the flow in FILE in the terminal: each question is printed, one answer is\n"
           "  read per line from standard input (JSON, or plain text taken as a string; an\n"
           "  empty line skips an optional question), and the outcome is printed at the end:\n"
           "  triage, grade, points with reasons, unmet must-haves, conversion, stage, SLA.\n"
           "  Scriptable: `printf 'over_50k\\n...' | leadq simulate F`.\n"
           "  --tests FILE    instead: runs the flow's test cases (leadq.tests/1, as the\n"
           "                  console saves them) and prints PASS or FAIL for each; exit 1\n"
           "                  when one fails\n"
           "  --now TIME      the clock: 2026-03-27T17:00:00Z (UTC) or milliseconds since 1970;\n"
           "                  default the current time. Decay and SLA deadlines use it\n"
           "  --events FILE   behaviour before the conversation: a JSON array of events as the\n"
           "                  widget sends them (page_view with path, referrer, utm; "
           "time_on_page),\n"
           "                  each with an optional at_ms (default: --now), folded into signals\n"
           "  --answers FILE  answers instead of standard input: a JSON object of step id ->\n"
           "                  value, or an array of {\"step\", \"value\"}, in the order given\n"
           "  --business-hours FILE  the site's business hours, as the admin API takes them\n"
           "                  ({\"time_zone\", \"days\", \"hours\", \"holidays\"}), for SLAs "
           "stated\n"
           "                  in business time\n"
           "  Exit 0 when the conversation ended, 1 when the answers ran out first.\n";
  }
  if (command == "export") {
    return "usage: leadq export [--data-dir DIR] [--format csv|json] [--site KEY]\n"
           "  writes every lead to standard output (CSV with a header line, or JSON lines)\n";
  }
  if (command == "backup") {
    return "usage: leadq backup FILE [--data-dir DIR]\n"
           "  copies DIR/leadq.db to FILE with SQLite's online backup; safe while serving\n";
  }
  return "usage: leadq COMMAND [options]   (leadq COMMAND --help for details)\n"
         "commands:\n"
         "  serve           run the server\n"
         "  migrate         apply database migrations\n"
         "  validate-flow   check a flow definition file\n"
         "  compile-flow    print a flow in the widget runtime's compiled form\n"
         "  simulate        answer a flow in the terminal and see the outcome\n"
         "  export          write all leads as CSV or JSON\n"
         "  backup          copy the database while the server runs\n";
}

Result<Options> ParseOptions(int argc, char** argv) {
  Options options;
  if (argc < 2) return Status::InvalidArgument("missing command\n" + Usage(""));
  options.command = argv[1];
  if (options.command == "--help" || options.command == "-h" || options.command == "help") {
    options.command = "";
    options.help = true;
    return options;
  }
  if (kCommands.count(options.command) == 0) {
    return Status::InvalidArgument("unknown command \"" + options.command + "\"\n" + Usage(""));
  }
  if (const char* key = std::getenv("LEADQ_ADMIN_KEY")) options.admin_key = key;
  // The config file first, so that flags override it whatever their order.
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--config") {
      if (options.command != "serve") {
        return Status::InvalidArgument("--config is an option of serve only");
      }
      Status status = LoadConfig(argv[i + 1], &options);
      if (!status.ok()) return status;
    }
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--access-log") {
      options.access_log = true;
    } else if (arg == "--config") {
      if (i + 1 >= argc) return Status::InvalidArgument("--config needs a value");
      ++i;
    } else if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      const std::string name = arg.substr(2);
      if (TakesNoValue(name)) continue;
      if (i + 1 >= argc) return Status::InvalidArgument(arg + " needs a value");
      Status status = Apply(name, argv[++i], &options);
      if (!status.ok()) return status;
    } else if (!arg.empty() && arg[0] == '-') {
      return Status::InvalidArgument("unknown option " + arg + "\n" + Usage(options.command));
    } else {
      options.arguments.push_back(arg);
    }
  }
  return options;
}

}  // namespace leadq
