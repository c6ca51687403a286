// Parsing the command line.
#include "app/options.h"

#include <cstdlib>

namespace leadq {
namespace {

bool ParsePort(const std::string& text, int* port) {
  if (text.empty() || text.size() > 5) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  *port = std::atoi(text.c_str());
  return *port >= 0 && *port <= 65535;
}

}  // namespace

std::string Usage(const std::string& command) {
  if (command == "serve") {
    return "usage: leadq serve [options]\n"
           "  --port N           TCP port (default 8080; 0 picks a free one)\n"
           "  --bind ADDR        address to listen on (default 127.0.0.1)\n"
           "  --data-dir DIR     where leadq.db lives (default ./data)\n"
           "  --web-root DIR     serve the demo page and widget from DIR (the repo's web/)\n"
           "  --wasm-dir DIR     serve leadq-core.mjs/.wasm from DIR at /widget/core/\n"
           "  --seed-flows DIR   publish every flow in DIR for the site demo-site\n"
           "  --admin-key KEY    API key of the admin role (default: $LEADQ_ADMIN_KEY, or\n"
           "                     generated once and kept in DIR/admin.key)\n"
           "  --allow-origin O   also allow browser origin O for every site (repeatable)\n"
           "  --threads N        request threads (default 8)\n"
           "  --public-url URL   base URL of lead links in webhooks (default: own origin)\n"
           "  --access-log       log every request to stderr\n";
  }
  if (command == "migrate") {
    return "usage: leadq migrate [--data-dir DIR]\n"
           "  applies pending schema migrations to DIR/leadq.db and exits\n";
  }
  if (command == "validate-flow") {
    return "usage: leadq validate-flow FILE\n"
           "  prints every problem of the flow in FILE with its JSON path; exit 0 when valid\n";
  }
  return "usage: leadq COMMAND [options]\n"
         "commands:\n"
         "  serve           run the server (see leadq serve --help)\n"
         "  migrate         apply database migrations\n"
         "  validate-flow   check a flow definition file\n";
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
  if (options.command != "serve" && options.command != "migrate" &&
      options.command != "validate-flow") {
    return Status::InvalidArgument("unknown command \"" + options.command + "\"\n" + Usage(""));
  }
  if (const char* key = std::getenv("LEADQ_ADMIN_KEY")) options.admin_key = key;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* target) -> Status {
      if (i + 1 >= argc) return Status::InvalidArgument(arg + " needs a value");
      *target = argv[++i];
      return Status::Ok();
    };
    std::string text;
    Status status;
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--port") {
      status = value(&text);
      if (status.ok() && !ParsePort(text, &options.port)) {
        status = Status::InvalidArgument("--port must be a number from 0 to 65535");
      }
    } else if (arg == "--threads") {
      status = value(&text);
      if (status.ok()) {
        options.threads = std::atoi(text.c_str());
        if (options.threads < 1 || options.threads > 256) {
          status = Status::InvalidArgument("--threads must be from 1 to 256");
        }
      }
    } else if (arg == "--bind") {
      status = value(&options.bind);
    } else if (arg == "--data-dir") {
      status = value(&options.data_dir);
    } else if (arg == "--web-root") {
      status = value(&options.web_root);
    } else if (arg == "--wasm-dir") {
      status = value(&options.wasm_dir);
    } else if (arg == "--seed-flows") {
      status = value(&options.seed_flows);
    } else if (arg == "--public-url") {
      status = value(&options.public_url);
    } else if (arg == "--admin-key") {
      status = value(&options.admin_key);
    } else if (arg == "--allow-origin") {
      status = value(&text);
      options.allow_origins.push_back(text);
    } else if (arg == "--access-log") {
      options.access_log = true;
    } else if (!arg.empty() && arg[0] == '-') {
      status = Status::InvalidArgument("unknown option " + arg + "\n" + Usage(options.command));
    } else {
      options.arguments.push_back(arg);
    }
    if (!status.ok()) return status;
  }
  return options;
}

}  // namespace leadq
