// Static widget files with content negotiation over precompressed copies.
#include "http/widget_files.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace leadq {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  *out = text.str();
  return true;
}

// A regular file (not a folder) at `path`.
bool Exists(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

bool SafePath(const std::string& path) {
  if (path.empty() || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos) {
    return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

const char* ContentType(const std::string& path) {
  struct Entry {
    const char* extension;
    const char* type;
  };
  static const Entry kTypes[] = {
      {".js", "text/javascript"},    {".mjs", "text/javascript"},   {".css", "text/css"},
      {".wasm", "application/wasm"}, {".json", "application/json"}, {".html", "text/html"},
      {".svg", "image/svg+xml"},     {".map", "application/json"},
  };
  for (const Entry& entry : kTypes) {
    const std::string extension = entry.extension;
    if (path.size() > extension.size() &&
        path.compare(path.size() - extension.size(), extension.size(), extension) == 0) {
      return entry.type;
    }
  }
  return "application/octet-stream";
}

// The q value of `coding` (lower case) in an Accept-Encoding header: -1 when not listed.
// Codings ignore case (RFC 9110).
double Quality(std::string header, const std::string& coding) {
  for (char& c : header) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double quality = -1;
  std::istringstream items(header);
  std::string item;
  while (std::getline(items, item, ',')) {
    std::string name = item.substr(0, item.find(';'));
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name != coding && name != "*") continue;
    double q = 1;
    const size_t at = item.find("q=");
    if (at != std::string::npos) q = std::strtod(item.c_str() + at + 2, nullptr);
    if (name == coding || quality < 0) quality = q;  // the coding's own entry wins over "*"
  }
  return quality;
}

}  // namespace

std::string ChooseEncoding(const std::string& accept_encoding, bool have_brotli, bool have_gzip) {
  if (have_brotli && Quality(accept_encoding, "br") > 0) return "br";
  if (have_gzip && Quality(accept_encoding, "gzip") > 0) return "gzip";
  return "";
}

void RegisterWidgetFiles(httplib::Server& server, const std::string& widget_dir,
                         const std::string& wasm_dir) {
  server.Get(R"(/widget/(.*))", [widget_dir, wasm_dir](const httplib::Request& req,
                                                       httplib::Response& res) {
    const std::string path = req.matches[1];
    if (!SafePath(path)) {
      res.status = 404;
      return;
    }
    // The widget folder first; core/ may come from the wasm build's folder instead.
    std::string file;
    if (!widget_dir.empty() && Exists(widget_dir + "/" + path)) {
      file = widget_dir + "/" + path;
    } else if (!wasm_dir.empty() && path.rfind("core/", 0) == 0 &&
               Exists(wasm_dir + "/" + path.substr(5))) {
      file = wasm_dir + "/" + path.substr(5);
    } else {
      res.status = 404;
      return;
    }
    const char* type = ContentType(path);
    res.set_header("Vary", "Accept-Encoding");
    const std::string encoding = ChooseEncoding(req.get_header_value("Accept-Encoding"),
                                                Exists(file + ".br"), Exists(file + ".gz"));
    std::string body;
    const std::string chosen = encoding == "br"     ? file + ".br"
                               : encoding == "gzip" ? file + ".gz"
                                                    : file;
    if (!ReadFile(chosen, &body)) {
      res.status = 404;
      return;
    }
    if (encoding.empty()) {
      res.set_content(std::move(body), type);
      return;
    }
    res.set_header("Content-Encoding", encoding);
    // Through a content provider of known length: cpp-httplib compresses plain bodies
    // again, but not those.
    auto bytes = std::make_shared<std::string>(std::move(body));
    res.set_content_provider(bytes->size(), type,
                             [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
                               return sink.write(bytes->data() + offset, length);
                             });
  });
}

}  // namespace leadq
