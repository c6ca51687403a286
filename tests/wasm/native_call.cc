// leadq-call: runs one operation of the core's JSON facade natively and prints the raw
// response. The wasm tests compare the shipped module's bytes against this output.
//
// Usage: leadq-call OP < request.json
#include <iostream>
#include <iterator>
#include <string>

#include "leadq/api.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: leadq-call OP < request.json\n";
    return 2;
  }
  const std::string request((std::istreambuf_iterator<char>(std::cin)),
                            std::istreambuf_iterator<char>());
  std::cout << leadq::Call(argv[1], request);
  return 0;
}
