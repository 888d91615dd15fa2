"""Attendance, a feature app of cohorts: sessions, attendance records, check-in, warnings.

Imports point one way: views -> services and forms -> cohorts.access -> models. It leans on
the kernel (cohorts.models) and on academy; the kernel never imports it, except the access
package, which owns the rules for every model.
"""
