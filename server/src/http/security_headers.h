// The headers that keep leadq's own pages and answers from being framed by another site,
// read as another type, or leaking their address: a Content-Security-Policy (with
// frame-ancestors, which a <meta> tag cannot carry), X-Frame-Options, Referrer-Policy and
// the rest, on every response of the console (/console/), the API (/api/) and the
// operational endpoints. The widget's files and the demo page get none of them: the
// widget runs inside its customers' pages, whose own policies apply.
#ifndef LEADQ_SERVER_HTTP_SECURITY_HEADERS_H_
#define LEADQ_SERVER_HTTP_SECURITY_HEADERS_H_

#include <httplib.h>

namespace leadq {

// Adds the headers `req`'s path calls for to `res` (a header the handler set stays).
void AddSecurityHeaders(const httplib::Request& req, httplib::Response& res);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_SECURITY_HEADERS_H_
