#include "app/vetting_service.hpp"
