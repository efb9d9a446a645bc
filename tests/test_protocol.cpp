#include <catch2/catch.hpp>

#include "protocol.h"
