// The header holds the one inline function; this file exists so that the target has a source.
#include "CKiemPrefetch.h"
