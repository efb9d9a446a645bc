// Runs a command to completion from a test, by fork and exec (no shell).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
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

// Sends `sig` to a child and waits for it, SIGKILL after 10 s; `meanwhile` runs between
// looks (to drain its output). Its exit status; 128 + N when signal N ended it; -1 when
// it had to be killed.
inline int stop_process(pid_t pid, int sig, const std::function<void()>& meanwhile = {}) {
    kill(pid, sig);
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        if (meanwhile) meanwhile();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

}  // namespace fika::test
