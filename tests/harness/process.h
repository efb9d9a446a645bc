// Runs a command to completion from a test, by fork and exec (no shell).
#pragma once

#include <fcntl.h>
#include <poll.h>
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

// A pipe whose ends are closed in every program started from this process (dup2 onto
// 0/1/2 keeps the one a child is meant to have). Tests fork from several threads (a
// killer thread restarting a server while the main thread runs fika-cli): a plain pipe's
// write end would be inherited by the other thread's long-lived child, and whoever reads
// the pipe to its end would wait for that child to exit - for ever.
inline void cloexec_pipe(int fds[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
}

// Runs a command to completion; returns its exit status and standard output (and its
// standard error too when `with_stderr`). Reads until the command has exited and its
// output is drained, even if something it started still holds the pipe open; a command
// still running after `limit` is killed (status -1, the output says so).
inline std::pair<int, std::string> run_command(const std::vector<std::string>& argv, bool with_stderr = false,
                                               std::chrono::seconds limit = std::chrono::seconds(600)) {
    int out[2];
    cloexec_pipe(out);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        if (with_stderr) dup2(out[1], 2);
        exec_argv(argv);
    }
    close(out[1]);
    std::string text;
    char buf[4096];
    int status = 0;
    bool exited = false, killed = false;
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        pollfd p{out[0], POLLIN, 0};
        int ready = poll(&p, 1, exited ? 0 : 100);
        if (ready > 0) {
            ssize_t n = read(out[0], buf, sizeof buf);
            if (n <= 0) break;  // every writer has gone
            text.append(buf, static_cast<size_t>(n));
            continue;
        }
        if (exited) break;  // it has ended and nothing more is waiting
        if (waitpid(pid, &status, WNOHANG) == pid) exited = true;
        else if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            killed = true;
        }
    }
    close(out[0]);
    if (!exited) waitpid(pid, &status, 0);
    if (killed) {
        text += "\n[" + argv[0] + " still running after " + std::to_string(limit.count()) + " s: killed]\n";
        return {-1, text};
    }
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
