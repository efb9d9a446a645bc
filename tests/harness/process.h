// Runs a command to completion from a test, by fork and exec (no shell).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fika::test {

// In a forked child: runs argv[0] with argv (no shell); exits 127 when it cannot.
[[noreturn]] inline void exec_argv(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
}

// Runs a command to completion; returns its exit status and standard output (and its
// standard error too when `with_stderr`).
inline std::pair<int, std::string> run_command(const std::vector<std::string>& argv, bool with_stderr = false) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        if (with_stderr) dup2(out[1], 2);
        close(out[0]);
        close(out[1]);
        exec_argv(argv);
    }
    close(out[1]);
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

}  // namespace fika::test
