// The widget's files over HTTP, precompressed.
//
// The shipped widget (scripts/build-widget.mjs) comes with a gzip and a brotli copy of
// every file beside it (app.js.gz, app.js.br, core/leadq-core.wasm.br, ...). A request is
// answered with the smallest form its Accept-Encoding allows (brotli, then gzip, then the
// file itself), with Content-Encoding and "Vary: Accept-Encoding", so caches keep the
// forms apart. Nothing is compressed per request. A file without precompressed copies
// (the source modules, in development) is sent as it is; cpp-httplib may then compress
// text on the fly.
#ifndef LEADQ_SERVER_HTTP_WIDGET_FILES_H_
#define LEADQ_SERVER_HTTP_WIDGET_FILES_H_

#include <httplib.h>

#include <string>

namespace leadq {

// Serves GET/HEAD /widget/<path> from `widget_dir`; a path under core/ that is not there
// comes from `wasm_dir` (when not ""), the wasm build's output folder. Paths with "..",
// empty segments or backslashes are not found.
void RegisterWidgetFiles(httplib::Server& server, const std::string& widget_dir,
                         const std::string& wasm_dir);

// The encoding to send, "br", "gzip" or "", for an Accept-Encoding header value and the
// forms at hand. A coding with q=0 is refused; otherwise brotli is preferred.
std::string ChooseEncoding(const std::string& accept_encoding, bool have_brotli, bool have_gzip);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_WIDGET_FILES_H_
